"""Saving and restoring training state (`tf.train`)."""
