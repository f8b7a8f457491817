"""`tf.keras.optimizers.schedules`: learning rates as functions of the optimizer step.

Each schedule is called with the step (an int or the optimizer's `iterations`) and returns a
float32 scalar tensor, computed as Keras 3 computes it.

    >>> s = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    >>> s(10)
    <tf.Tensor: shape=(), dtype=float32, numpy=0.05000000074505806>
"""
import math

import numpy as np

from ...framework.tensor import convert_to_tensor, wrap


def _scalar(x, dtype=None):
    v = np.asarray(convert_to_tensor(x)._value)
    if dtype is not None:
        v = v.astype(dtype)
    return v


def _initial(value):
    """Keras converts the initial rate with its default float type: Python numbers -> float32."""
    v = _scalar(value)
    return v.astype(np.float32) if isinstance(value, (int, float)) else v


class LearningRateSchedule:
    """Base class: implement `__call__(step)`."""

    def __call__(self, step):
        raise NotImplementedError(f"Learning rate schedule '{type(self).__name__}' must override "
                                  f"`__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class _StepDecay(LearningRateSchedule):
    """A schedule of `initial_learning_rate` and p = step / decay_steps (floored with
    `staircase`): ExponentialDecay and InverseTimeDecay."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None):
        self.initial_learning_rate, self.decay_steps = initial_learning_rate, decay_steps
        self.decay_rate, self.staircase = decay_rate, staircase
        self.name = type(self).__name__ if name is None else name
        if decay_steps <= 0:
            raise ValueError(f"Argument `decay_steps` must be > 0. Received: "
                             f"decay_steps={decay_steps}")

    def __call__(self, step):
        lr = _initial(self.initial_learning_rate)
        dt = lr.dtype
        p = _scalar(step, dt) / _scalar(self.decay_steps, dt)
        if self.staircase:
            p = np.floor(p)
        return wrap(np.asarray(self._decay(lr, p, _scalar(self.decay_rate, dt)), dt)[()])

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class ExponentialDecay(_StepDecay):
    """initial_learning_rate * decay_rate ** (step / decay_steps) (floored with `staircase`)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    @staticmethod
    def _decay(lr, p, rate):
        return lr * np.power(rate, p)


class PiecewiseConstantDecay(LearningRateSchedule):
    """values[0] while step <= boundaries[0], values[1] while step <= boundaries[1], ..."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(f"The length of boundaries should be 1 less than the length of "
                             f"values. Received: boundaries={boundaries} of length "
                             f"{len(boundaries)}, and values={values} of length {len(values)}.")
        self.boundaries, self.values, self.name = boundaries, values, name

    def __call__(self, step):
        step = _scalar(step)
        bounds = [_scalar(b, step.dtype) for b in self.boundaries]
        values = [_scalar(v) for v in self.values]
        dt = values[0].dtype
        result = np.zeros((), dt)
        result = result + (step <= bounds[0]).astype(dt) * values[0]
        result = result + (step > bounds[-1]).astype(dt) * values[-1]
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1]):
            result = result + ((step > low) & (step <= high)).astype(dt) * value
        return wrap(np.asarray(result, dt)[()])

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class InverseTimeDecay(_StepDecay):
    """initial_learning_rate / (1 + decay_rate * step / decay_steps) (floored with `staircase`)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        super().__init__(initial_learning_rate, decay_steps, decay_rate, staircase, name)

    @staticmethod
    def _decay(lr, p, rate):
        return lr / (lr.dtype.type(1) + rate * p)


class CosineDecay(LearningRateSchedule):
    """Cosine decay from the initial rate (or `warmup_target` after a linear warmup) to
    `alpha` times it over `decay_steps`."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate, self.decay_steps, self.alpha = (initial_learning_rate,
                                                                    decay_steps, alpha)
        self.name, self.warmup_target, self.warmup_steps = name, warmup_target, warmup_steps
        if decay_steps <= 0:
            raise ValueError(f"Argument `decay_steps` must be > 0. Received: "
                             f"decay_steps={decay_steps}")

    def _decay(self, step, decay_steps, decay_from, dt):
        completed = step / decay_steps
        cosine = 0.5 * (1.0 + np.cos(dt.type(math.pi) * completed))
        decayed = (1 - self.alpha) * cosine + self.alpha
        return decay_from * decayed

    def __call__(self, step):
        lr = _initial(self.initial_learning_rate)
        dt = lr.dtype
        decay_steps = _scalar(self.decay_steps, dt)
        step = _scalar(step, dt)
        if self.warmup_target is None:
            step = np.minimum(step, decay_steps)
            return wrap(np.asarray(self._decay(step, decay_steps, lr, dt), dt)[()])
        target = _scalar(self.warmup_target, dt)
        warmup_steps = _scalar(self.warmup_steps, dt)
        step = np.minimum(step, decay_steps + warmup_steps)
        if step < warmup_steps:
            out = (target - lr) * (step / warmup_steps) + lr
        else:
            out = self._decay(step - warmup_steps, decay_steps, target, dt)
        return wrap(np.asarray(out, dt)[()])

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}
