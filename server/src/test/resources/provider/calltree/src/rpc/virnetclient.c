#include "virprobe.h"

/* PROBE(RPC_CLIENT_DISPOSE, "client=%p", client) in a comment is not a call, nor
 * LIBVIRT_RPC_CLIENT_DISPOSE(client) */
static const char *doc = "PROBE(RPC_CLIENT_DISPOSE, ...) or LIBVIRT_RPC_CLIENT_DISPOSE()";

void client_new(void *client, void *sock)
{
    PROBE(RPC_CLIENT_NEW,
          "client=%p sock=%p", client, sock);
}

void client_msg_rx(void *client, int len)
{
    PROBE_QUIET( /* quiet */ RPC_CLIENT_MSG_RX, "client=%p len=%d", client, len, 1);
    if (LIBVIRT_RPC_CLIENT_MSG_RX_ENABLED())
        LIBVIRT_RPC_CLIENT_MSG_RX(client,
                                  len, 1);
}
