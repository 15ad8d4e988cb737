-- expect: sandbox
os.exit(0)
