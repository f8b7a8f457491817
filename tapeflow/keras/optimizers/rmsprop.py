"""RMSprop, Adagrad and Adadelta, as Keras 3 computes them:

    RMSprop   v = rho v + (1 - rho) g^2;  (centered: a = rho a + (1 - rho) g, denom = v - a^2 + eps,
              else v + eps);  inc = lr g / sqrt(denom);  momentum: m = momentum m + inc, var -= m
    Adagrad   acc += g^2;  var -= lr g / sqrt(acc + eps)     (acc starts at 0.1)
    Adadelta  acc_g = rho acc_g + (1 - rho) g^2;  d = -sqrt(acc_d + eps) g / sqrt(acc_g + eps)
              acc_d = rho acc_d + (1 - rho) d^2;  var += lr d
"""
import numpy as np

from .. import initializers
from .base import Optimizer, _assign, _value


class RMSprop(Optimizer):
    """RMSprop (Hinton), optionally centered and with momentum."""

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.momentum, self.epsilon, self.centered = rho, momentum, epsilon, centered

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._velocities = self.add_optimizer_variables(var_list, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(var_list, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(var_list, "average_gradient")

    def update_step(self, gradient, variable, learning_rate):
        i = self._get_variable_index(variable)
        velocity = self._velocities[i]
        rho = self.rho
        vel = self.rho * _value(velocity) + (1 - rho) * np.square(gradient)
        _assign(velocity, vel)
        if self.centered:
            avg = self._average_gradients[i]
            a = rho * _value(avg) + (1 - rho) * gradient
            _assign(avg, a)
            denominator = vel - np.square(a) + self.epsilon
        else:
            denominator = vel + self.epsilon
        increment = (learning_rate * gradient) / np.sqrt(denominator)
        if self.momentum > 0:
            mom = self._momentums[i]
            m = self.momentum * _value(mom) + increment
            _assign(mom, m)
            _assign(variable, _value(variable) - m)
        else:
            _assign(variable, _value(variable) - increment)

    def get_config(self):
        config = super().get_config()
        config.update(rho=self.rho, momentum=self.momentum, epsilon=self.epsilon,
                      centered=self.centered)
        return config


class Adagrad(Optimizer):
    """Adagrad: per-coordinate steps scaled by the accumulated squared gradients."""

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.initial_accumulator_value, self.epsilon = initial_accumulator_value, epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        init = initializers.Constant(self.initial_accumulator_value)
        self._accumulators = self.add_optimizer_variables(var_list, "accumulator", init)

    def update_step(self, gradient, variable, learning_rate):
        acc = self._accumulators[self._get_variable_index(variable)]
        a = _value(acc) + np.square(gradient)
        _assign(acc, a)
        _assign(variable, _value(variable) - (learning_rate * gradient) / np.sqrt(a + self.epsilon))

    def get_config(self):
        config = super().get_config()
        config.update(initial_accumulator_value=self.initial_accumulator_value,
                      epsilon=self.epsilon)
        return config


class Adadelta(Optimizer):
    """Adadelta (Zeiler): steps scaled by running averages of squared gradients and updates."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.rho, self.epsilon = rho, epsilon

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            var_list, ["accumulated_grad", "accumulated_delta_var"])

    def update_step(self, grad, variable, learning_rate):
        i = self._get_variable_index(variable)
        acc_g, acc_d = self._accumulated_grads[i], self._accumulated_delta_vars[i]
        rho = self.rho
        g2 = rho * _value(acc_g) + (1 - rho) * np.square(grad)
        _assign(acc_g, g2)
        delta = -((np.sqrt(_value(acc_d) + self.epsilon) * grad) / np.sqrt(g2 + self.epsilon))
        _assign(acc_d, rho * _value(acc_d) + (1 - rho) * np.square(delta))
        _assign(variable, _value(variable) + learning_rate * delta)

    def get_config(self):
        config = super().get_config()
        config.update(rho=self.rho, epsilon=self.epsilon)
        return config
