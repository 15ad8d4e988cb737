-- expect: sandbox
os.remove("/tmp/x")
