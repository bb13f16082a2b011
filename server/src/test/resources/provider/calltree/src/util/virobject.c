#include "virprobe.h"

void obj_ref(void *obj)
{
    PROBE(OBJECT_REF, "obj=%p", obj);
}

void obj_unref(void *obj)
{
    LIBVIRT_OBJECT_UNREF(obj, "virObject"); // dtrace -h: object__unref is OBJECT_UNREF
}
