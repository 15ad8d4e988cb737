-- expect: sandbox
edit{ image = "/etc/hostname", prompt = "make it watercolor" }
