/* libvirt's wrapper, as src/util/virprobe.h defines it: its own definition is not a call */
#define PROBE_EXPAND(NAME, ARGS) NAME(ARGS)
#define PROBE(NAME, FMT, ...) \
    if (LIBVIRT_ ## NAME ## _ENABLED()) { \
        PROBE_EXPAND(LIBVIRT_ ## NAME, __VA_ARGS__); \
    }
#define PROBE_QUIET(NAME, FMT, ...) \
    if (LIBVIRT_ ## NAME ## _ENABLED()) { \
        PROBE_EXPAND(LIBVIRT_ ## NAME, __VA_ARGS__); \
    }
