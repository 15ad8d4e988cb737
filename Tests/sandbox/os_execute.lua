-- expect: sandbox
os.execute("touch /tmp/limn-pwned")
