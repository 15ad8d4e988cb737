-- expect: sandbox
debug.getregistry()
