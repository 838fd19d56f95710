# zjgr_module(NAME [SOURCES ...] [DEPENDS module ...] [THIRD_PARTY target ...])
#
# One static library per pipeline stage (DESIGN.md §1, STYLE.md §5.3). DEPENDS names the
# stages the module may use; a header of any other stage is not on its include path through
# these targets, and tests/arch checks the include lines themselves.
function(zjgr_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPENDS;THIRD_PARTY" ${ARGN})
  add_library(zjgr_${name} STATIC ${M_SOURCES})
  target_include_directories(zjgr_${name} PUBLIC ${PROJECT_SOURCE_DIR}/engine)
  foreach(dep IN LISTS M_DEPENDS)
    target_link_libraries(zjgr_${name} PUBLIC zjgr_${dep})
  endforeach()
  if(M_THIRD_PARTY)
    target_link_libraries(zjgr_${name} PUBLIC ${M_THIRD_PARTY})
  endif()
  set_property(GLOBAL APPEND PROPERTY ZJGR_MODULES ${name})
  set_property(GLOBAL PROPERTY ZJGR_MODULE_DEPS_${name} ${M_DEPENDS})
endfunction()
