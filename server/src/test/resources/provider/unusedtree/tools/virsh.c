/* Outside src/: fires nothing for src/libvirt_probes.d's unused-probe check, but is a C use the rename sees */
void virsh(void *client)
{
    LIBVIRT_RPC_CLIENT_ELSEWHERE(client);
    LIBVIRT_RPC_CLIENT_FIRED(client);
    PROBE(RPC_CLIENT_STALE, "client=%p", client);
    if (LIBVIRT_RPC_CLIENT_TESTED_ENABLED())
        return;
}
