-- expect: sandbox
os.tmpname()
