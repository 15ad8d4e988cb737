// The offline provider: an in-process router (see OfflineRouter.swift).
import LimnRouter
