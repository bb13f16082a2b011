provider example {
	# file: docs/example.c
	# prefix: example
	probe example_start(int n);
};
