#include <stdio.h>
#include "../util/virprobe.h"

/* LIBVIRT_RPC_CLIENT_COMMENT(client) and PROBE(RPC_CLIENT_COMMENT, ...) in a comment
 * fire nothing, and neither does LIBVIRT_RPC_CLIENT_MENTIONED(client) */
static const char *doc = "LIBVIRT_RPC_CLIENT_STRING(client) or PROBE(RPC_CLIENT_STRING, \"\")";
// LIBVIRT_RPC_CLIENT_GONE(client, "why", 1);

void client_new(void *client, void *sock)
{
    PROBE(RPC_CLIENT_NEW,
          "client=%p sock=%p", client, sock);
    if (LIBVIRT_RPC_CLIENT_CHECKED_ENABLED())
        fprintf(stderr, "%s\n", doc);
}
