// LiftCrypto module; its types arrive with their issues.
