#!/usr/bin/env bash
# Makes the stand-in photos of the example issue (examples/2021-02-25/images/) with ImageMagick:
#   party-badge.jpg  (党性传后人) - an indoor meeting: wall, window, banner, people at a table
#   lantern.jpg      (开心做灯笼) - a lit hall with red lanterns above children at a work table
#   labour-poster.jpg (page 3's 公益广告) - a red poster with its slogans set in Noto Serif CJK SC
#                    Bold, 3000x2300 px (218 ppi across the page's eight columns)
# Both are 2400x1600 px (3:2 landscape; the scenes are drawn in 1800x1200 coordinates and scaled
# by 4/3 as vectors), so that even a half-width crop over a 3-column photo stays above 200 ppi;
# JPEG quality 85, metadata stripped, and byte-identical on every run (fixed noise seed, one
# thread, no timestamps). Usage: scripts/make-photos.sh [OUTPUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/examples/2021-02-25/images}
mkdir -p "$out"

command -v convert >/dev/null || { echo "make-photos: ImageMagick 'convert' not found" >&2; exit 1; }

# One thread and a fixed seed: blur and noise then give the same pixels on every run.
export MAGICK_THREAD_LIMIT=1
jpeg=(-strip -sampling-factor 2x2 -interlace none -quality 85 -define jpeg:dct-method=integer)
w=2400 h=1600
# The scenes below are written in 1800x1200 coordinates; this affine scales them to w x h.
scale='affine 1.333333,0,0,1.333333,0,0'

# A person seen from the front: head (ellipse) over shoulders (rounded rectangle).
# person X Y SCALE COLOUR -> ImageMagick -draw primitives
person() {
  local x=$1 y=$2 s=$3 c=$4
  local hr=$((34 * s / 10)) bw=$((95 * s / 10)) bh=$((230 * s / 10))
  echo "fill $c roundrectangle $((x - bw)),$((y + hr + 8)) $((x + bw)),$((y + hr + 8 + bh)) 40,40"
  echo "fill #c99a78 ellipse $x,$y $hr,$((hr * 13 / 10)) 0,360"
  echo "fill #1e1a18 ellipse $x,$((y - hr * 6 / 10)) $((hr + 2)),$((hr * 8 / 10)) 180,360"
}

# ---- party-badge.jpg ----------------------------------------------------------------------
draw=$(
  echo "fill #f3ead8 rectangle 1180,120 1640,620"                      # window, daylight
  echo "fill #d9cdb4 rectangle 1400,120 1420,620"                      # window bar
  echo "fill #d9cdb4 rectangle 1180,360 1640,378"
  echo "fill #b3201c rectangle 160,90 1000,250"                        # red banner
  echo "fill #d4a83a ellipse 240,170 48,48 0,360"                      # badge on the banner
  person 330 520 12 '#2b3346'
  person 590 500 13 '#3a3f4f'
  person 860 530 12 '#1f2a44'
  person 1120 540 11 '#4a3b36'
  person 1380 560 12 '#2d3c4a'
  person 1600 590 11 '#35302e'
  echo "fill #6b4226 polygon 0,860 1800,800 1800,1200 0,1200"          # table top
  echo "fill #7d5232 polygon 0,900 1800,840 1800,880 0,940"
  echo "fill #e8e2d0 ellipse 520,960 70,22 0,360"                      # cups and a fruit plate
  echo "fill #e8e2d0 ellipse 900,950 70,22 0,360"
  echo "fill #d8862a ellipse 1260,980 120,38 0,360"
  echo "fill #c0392b ellipse 1220,960 28,24 0,360"
  echo "fill #e0a030 ellipse 1290,955 30,25 0,360"
)
convert -seed 2021 -size ${w}x${h} gradient:'#cbb89a'-'#8c7355' \
  -draw "$scale $draw" \
  -blur 0x3 \
  -attenuate 0.12 +noise Gaussian -blur 0x0.6 \
  -fill '#fff2d8' -colorize 4% \
  "${jpeg[@]}" "$out/party-badge.jpg"

# ---- lantern.jpg --------------------------------------------------------------------------
lantern() {  # lantern X Y R: body, gold caps, tassel, glow
  local x=$1 y=$2 r=$3
  echo "fill #d8342a ellipse $x,$y $r,$((r * 85 / 100)) 0,360"
  echo "fill #f06a3a ellipse $((x - r / 4)),$((y - r / 5)) $((r / 2)),$((r * 4 / 10)) 0,360"
  echo "fill #d9a521 rectangle $((x - r / 3)),$((y - r * 85 / 100 - 14)) $((x + r / 3)),$((y - r * 85 / 100 + 4))"
  echo "fill #d9a521 rectangle $((x - r / 3)),$((y + r * 85 / 100 - 4)) $((x + r / 3)),$((y + r * 85 / 100 + 14))"
  echo "stroke #d9a521 stroke-width 6 line $x,$((y + r * 85 / 100 + 14)) $x,$((y + r * 85 / 100 + 90)) stroke none"
  echo "stroke #3a2a20 stroke-width 4 line $x,0 $x,$((y - r * 85 / 100 - 14)) stroke none"
}
draw=$(
  echo "fill #4a2c1c rectangle 0,0 1800,70"                            # ceiling beam
  lantern 260 300 120
  lantern 620 230 95
  lantern 960 330 135
  lantern 1320 250 105
  lantern 1620 340 115
  person 360 700 10 '#c43b2f'
  person 640 740 9 '#2f5c8a'
  person 930 690 11 '#3b6e3a'
  person 1220 730 9 '#d08a2a'
  person 1500 700 10 '#7a3b8c'
  echo "fill #8a5a32 polygon 0,930 1800,900 1800,1200 0,1200"          # work table
  echo "fill #e04432 ellipse 520,1010 70,52 0,360"                     # half-made lanterns
  echo "fill #f0d060 ellipse 820,1030 60,40 0,360"
  echo "fill #e04432 ellipse 1120,1000 75,55 0,360"
  echo "fill #f2efe6 rectangle 1340,980 1520,1080"                     # paper
)
convert -seed 225 -size ${w}x${h} gradient:'#6b3a22'-'#2a1a12' \
  -draw "$scale $draw" \
  -blur 0x4 \
  -attenuate 0.15 +noise Gaussian -blur 0x0.6 \
  -fill '#ffcf80' -colorize 6% \
  "${jpeg[@]}" "$out/lantern.jpg"

# The page-3 public-service poster: a deep red field, a gold frame, the slogans in Noto Serif CJK
# SC Bold (the collection's first face; these characters are drawn alike in all of its faces).
serif_bold="$(fc-match -f '%{file}' 'Noto Serif CJK SC:bold')"
convert -size 3000x2300 gradient:'#b3121b'-'#45060a' \
  -fill none -stroke '#e8c273' -strokewidth 11 -draw "rectangle 96,96 2904,2204" \
  -strokewidth 3 -draw "rectangle 140,140 2860,2160" -stroke none \
  -font "$serif_bold" -gravity center \
  -fill '#fff6e0' -pointsize 360 -annotate +0-380 '劳动创造幸福' \
  -fill '#f3d38a' -pointsize 150 -annotate +0+90 '奋斗成就梦想　实干书写华章' \
  -fill '#e8c273' -draw "rectangle 960,420 2040,427" -draw "rectangle 960,1460 2040,1467" \
  -fill '#fff6e0' -pointsize 78 -annotate +0+600 '致敬每一位平凡而伟大的劳动者' \
  -pointsize 64 -annotate +0+800 '浙江省总工会　浙江工人日报社　宣' \
  "${jpeg[@]}" "$out/labour-poster.jpg"

for f in party-badge lantern labour-poster; do
  size=$(stat -c %s "$out/$f.jpg")
  if [ "$size" -ge 307200 ]; then
    echo "make-photos: $f.jpg is $size bytes, over the 300 KB budget" >&2
    exit 1
  fi
  echo "$out/$f.jpg: $(identify -format '%wx%h %m q%Q' "$out/$f.jpg"), $size bytes"
done
