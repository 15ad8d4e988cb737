-- expect: sandbox
print(os.getenv("LIMN_API_KEY"))
