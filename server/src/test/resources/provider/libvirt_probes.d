provider libvirt {
	# file: src/util/virevent.c
	# prefix: event_poll
	probe event_poll_add_handle(int watch, int fd, int events, void *cb, void *opaque, void *ff);
	probe event_poll_update_handle(int watch, int events);
	probe event_poll_remove_handle(int watch);


	# file: src/rpc/virnetclient.c
	# prefix: rpc
	probe rpc_client_new(void *client, int refs, void *sock);
	probe rpc_client_msg_tx_queue(void *client, int len, int prog, int vers, int proc, int type, int status, int serial);
	probe rpc_client_msg_rx(void *client, int len, int prog, int vers, int proc, int type, int status, int serial);
	probe rpc_client_dispose(void *client);

        # file: src/rpc/virnetserverclient.c
        # prefix: rpc
        # binary: virtqemud
        probe rpc_server_client_new(void *client, void *sock);
        probe rpc_server_client_msg_tx_queue(void *client,
                                             int len, int prog,
	                                     int vers, int proc,
                                             int type, int status, int serial);
        probe rpc_server_client_auth_allow(void *client, int authtype, const char *identity);

	# file: src/rpc/virnettlscontext.c
	# prefix: rpc
	probe rpc_tls_context_new(void *ctxt, const char *cacert, const char *cacrl,
				  const char *cert, const char *key, int sanityCheckCert, int requireValidCert, int isServer);
	probe rpc_tls_session_handshake_pass(void *sess);
	probe rpc_tls_session_handshake_fail(void *sess);

	# file: src/qemu/qemu_monitor.c
	# prefix: qemu
	# module: libvirt/connection-driver/libvirt_driver_qemu.so
	# Pass the monitor and the text it sends; "char *buf" is a string too.
	probe qemu_monitor_send_msg(void *mon, const char *msg, int fd);
	probe qemu_monitor_recv_reply(void *mon, const char *reply, void *msg);
	probe qemu_monitor_io_write(void *mon, char *buf, unsigned int len, int ret, int errnoValue);
	probe qemu_monitor_io_read(void *mon, char *buf, unsigned int len, int ret, int errnoValue);
	probe qemu_monitor_io_send_fd(void *mon, int fd, int ret, int errnoValue);

	# file: src/util/virobject.c
	# prefix: object
	probe object_new(void *obj, const char *klassname);
	probe object_ref(void *obj);
	probe object_unref(void *obj);
};
