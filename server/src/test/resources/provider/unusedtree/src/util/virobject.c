#include "virprobe.h"

void obj_unref(void *obj)
{
    LIBVIRT_OBJECT_UNREF(obj); /* dtrace -h: object__unref is OBJECT_UNREF */
    PROBE_QUIET(OBJECT_QUIET,
                "obj=%p", obj, "virObject");
}
