/* Wrappers in the way of libvirt's src/util/virprobe.h: their definitions name no probe */
#define PROBE_ARGS(...) __VA_ARGS__
#define PROBE_EXPAND(NAME, ARGS) NAME(ARGS)
#define PROBE(NAME, FMT, ...) \
    if (LIBVIRT_ ## NAME ## _ENABLED()) { \
        PROBE_EXPAND(LIBVIRT_ ## NAME, PROBE_ARGS(__VA_ARGS__)); \
    }
#define PROBE_QUIET(NAME, FMT, ...) \
    if (LIBVIRT_ ## NAME ## _ENABLED()) { \
        PROBE_EXPAND(LIBVIRT_ ## NAME, PROBE_ARGS(__VA_ARGS__)); \
    }
