#include "trace.h"

int cpu_exec(int index)
{
    trace_cpu_exec_enter(index);
    return 0;
}
