-- expect: sandbox
print(package.cpath)
