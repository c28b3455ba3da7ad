# `format` rewrites the tracked C++ sources with the root .clang-format;
# `format-check` fails on any difference (CI runs it).
find_program(WEBJOBS_CLANG_FORMAT NAMES clang-format-14 clang-format)
if(WEBJOBS_CLANG_FORMAT)
    file(GLOB_RECURSE _webjobs_format_sources CONFIGURE_DEPENDS
        ${CMAKE_SOURCE_DIR}/core/*.cpp ${CMAKE_SOURCE_DIR}/core/*.h
        ${CMAKE_SOURCE_DIR}/ui/*.cpp ${CMAKE_SOURCE_DIR}/ui/*.h
        ${CMAKE_SOURCE_DIR}/app/*.cpp ${CMAKE_SOURCE_DIR}/app/*.h
        ${CMAKE_SOURCE_DIR}/tests/*.cpp ${CMAKE_SOURCE_DIR}/tests/*.h
        ${CMAKE_SOURCE_DIR}/bench/*.cpp ${CMAKE_SOURCE_DIR}/bench/*.h)
    add_custom_target(format
        COMMAND ${WEBJOBS_CLANG_FORMAT} -i ${_webjobs_format_sources}
        WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
        COMMENT "Formatting sources with clang-format")
    add_custom_target(format-check
        COMMAND ${WEBJOBS_CLANG_FORMAT} --dry-run --Werror ${_webjobs_format_sources}
        WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
        COMMENT "Checking source formatting")
endif()
