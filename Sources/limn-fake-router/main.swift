print("limn-fake-router")
