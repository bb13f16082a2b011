void message_rx(void *client, int len)
{
    LIBVIRT_RPC_CLIENT_MSG_RX
        (client,
         len, 1);
}
