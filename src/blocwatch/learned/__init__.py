"""The learned event coder: a small transformer that tags source/target spans and types the event.

``encoder`` holds the model's math (shared by numpy inference and JAX training), ``weights`` the
file formats, ``model`` the inference wrapper, ``data`` the training/evaluation split and labels,
and ``coder`` the coder that joins the model's output with the actor resolver and the rules.
"""
