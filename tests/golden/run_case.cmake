cmake_minimum_required(VERSION 3.22)
# One golden case: typesets the issue into OUT/actual (page PNGs and layout.txt) and compares it
# with tests/golden/expected/NAME/ by zjgr-diff; on a difference the test fails and says where
# the HTML report is. Usage (tests/golden/CMakeLists.txt):
#   cmake -DTYPESET=… -DDIFF=… -DROOT=… -DNAME=… -DISSUE=… -DDPI=… -DTOLERANCE=… -DMAX_PIXELS=…
#         [-DEXTRA="more options"] -DOUT=… -P run_case.cmake

file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}/actual")
separate_arguments(extra UNIX_COMMAND "${EXTRA}")

execute_process(
  COMMAND "${TYPESET}" "${ISSUE}" -o "${OUT}/issue.pdf" --png "${OUT}/actual" --dpi "${DPI}"
          --dump-layout "${OUT}/actual/layout.txt" -q ${extra}
  WORKING_DIRECTORY "${ROOT}"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "golden ${NAME}: zjgr-typeset ${ISSUE} exited with ${status}:\n${output}")
endif()

set(golden "${ROOT}/tests/golden/expected/${NAME}")
execute_process(
  COMMAND "${DIFF}" "${golden}" "${OUT}/actual" --report "${OUT}/report"
          --tolerance "${TOLERANCE}" --max-pixels "${MAX_PIXELS}"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
message("${output}${errors}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "golden ${NAME} differs (zjgr-diff exit status ${status}).\n"
                      "HTML report: ${OUT}/report/index.html\n"
                      "If the change is intended: scripts/update-goldens.sh ${NAME}")
endif()
