provider libvirt {
	# file: src/rpc/virnetclient.c
	# prefix: rpc
	probe rpc_client_new(void *client, void *sock);
	probe rpc_client_msg_rx(void *client, int len,
	                        int prog);
	probe rpc_client_dispose(void *client);

        # file: src/util/virobject.c
        # prefix: object
        probe object_ref(void *obj);
        probe object__unref(void *obj, const char *klass);
};
