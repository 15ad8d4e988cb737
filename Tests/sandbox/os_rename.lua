-- expect: sandbox
os.rename("a", "b")
