"""`tapeflow.python`: the module paths TF code imports from `tensorflow.python` directly
(`from tensorflow.python.framework.ops import disable_eager_execution`)."""
