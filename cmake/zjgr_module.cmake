# zjgr_module(NAME [DEPENDS module ...] [THIRD_PARTY target ...])
#
# One static library per pipeline stage (DESIGN.md §1, STYLE.md §5.3), built from the .cpp
# files of engine/NAME/ and engine/NAME/detail/. DEPENDS names the stages the module may use
# (written once, here); tests/arch checks that no file includes past them.
function(zjgr_module name)
  cmake_parse_arguments(M "" "" "DEPENDS;THIRD_PARTY" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/detail/*.cpp)
  list(FILTER sources EXCLUDE REGEX "/main\\.cpp$|_main\\.cpp$")
  add_library(zjgr_${name} STATIC ${sources})
  target_include_directories(zjgr_${name} PUBLIC ${PROJECT_SOURCE_DIR}/engine)
  foreach(dep IN LISTS M_DEPENDS)
    target_link_libraries(zjgr_${name} PUBLIC zjgr_${dep})
  endforeach()
  if(M_THIRD_PARTY)
    target_link_libraries(zjgr_${name} PUBLIC ${M_THIRD_PARTY})
  endif()
endfunction()
