import LimnRouter
