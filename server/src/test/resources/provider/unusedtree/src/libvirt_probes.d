provider libvirt {
	# file: src/rpc/virnetclient.c
	# prefix: rpc
	probe rpc_client_new(void *client, void *sock);
	probe rpc_client_msg_rx(void *client, int len,
	                        int prog);
	probe rpc_client_checked(void *client);
	probe rpc_client_comment(void *client);
	probe rpc_client_string(void *client);
	probe rpc_client_gone(void *client,
	                      const char *why,
	                      int code);
	probe rpc_client_elsewhere(void *client);

        # file: src/util/virobject.c
        # prefix: object
        probe object__unref(void *obj);
        probe object_quiet(void *obj, const char *klass);
};
