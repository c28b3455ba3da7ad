# The core is a stack of floors, each a static library that uses only the floors below it:
#
#   util → model → schedule | package | store → host → api (client | server) → service → ui → app
#
# webjobs_floor(TARGET FOLDER [PUBLIC floors...] [PRIVATE floors...]) builds FOLDER's sources
# (not its subfolders) into TARGET. Its headers are reachable as "FOLDER/Name.h" only through
# an include root of its own (<build>/floors/TARGET, holding a link to FOLDER), which reaches a
# target only by linking TARGET. An include that climbs a floor therefore does not compile: the
# header is simply not there. Floors linked PRIVATE are linked but not seen by the floors above
# (the service's users do not see the host's headers).
# webjobs_include_root(TARGET FOLDER [PUBLIC|PRIVATE]) makes "FOLDER/Name.h" reachable from
# TARGET (and, PUBLIC, from what links it) through TARGET's own include root.
function(webjobs_include_root target folder scope)
    set(root ${PROJECT_BINARY_DIR}/floors/${target})
    get_filename_component(parent ${root}/${folder} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    if(NOT EXISTS ${root}/${folder})
        file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${root}/${folder} SYMBOLIC)
    endif()
    target_include_directories(${target} ${scope} $<BUILD_INTERFACE:${root}>)
endfunction()

function(webjobs_floor target folder)
    cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "PUBLIC;PRIVATE")
    file(GLOB sources CONFIGURE_DEPENDS
        ${PROJECT_SOURCE_DIR}/${folder}/*.cpp
        ${PROJECT_SOURCE_DIR}/${folder}/*.h)
    add_library(${target} STATIC ${sources})
    webjobs_include_root(${target} ${folder} PUBLIC)
    target_link_libraries(${target} PUBLIC webjobs_common ${arg_PUBLIC} PRIVATE ${arg_PRIVATE})
    set_property(GLOBAL APPEND PROPERTY WEBJOBS_FLOORS ${target})
endfunction()
