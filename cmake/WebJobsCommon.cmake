# Compile settings shared by every target of the project: link `webjobs_common`.
add_library(webjobs_common INTERFACE)

target_compile_features(webjobs_common INTERFACE cxx_std_20)
target_compile_definitions(webjobs_common INTERFACE
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    WEBJOBS_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(webjobs_common INTERFACE
        # -Wshadow=local is GCC's spelling; clang (the fuzz build) has no such option.
        -Wall -Wextra -Wpedantic $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(WEBJOBS_WERROR)
        target_compile_options(webjobs_common INTERFACE -Werror)
    endif()
endif()

if(WEBJOBS_SANITIZE)
    set(_webjobs_san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_compile_options(webjobs_common INTERFACE ${_webjobs_san})
    target_link_options(webjobs_common INTERFACE ${_webjobs_san})
endif()

find_program(WEBJOBS_CCACHE ccache)
if(WEBJOBS_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${WEBJOBS_CCACHE}" CACHE STRING "Compiler launcher" FORCE)
endif()
