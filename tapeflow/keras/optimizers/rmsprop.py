"""RMSprop, Adagrad and Adadelta, as Keras 3 computes them:

    RMSprop   v = rho v + (1 - rho) g^2;  (centered: a = rho a + (1 - rho) g, denom = v - a^2 + eps,
              else v + eps);  inc = lr g / sqrt(denom);  momentum: m = momentum m + inc, var -= m
    Adagrad   acc += g^2;  var -= lr g / sqrt(acc + eps)     (acc starts at 0.1)
    Adadelta  acc_g = rho acc_g + (1 - rho) g^2;  d = -sqrt(acc_d + eps) g / sqrt(acc_g + eps)
              acc_d = rho acc_d + (1 - rho) d^2;  var += lr d
"""
from .. import initializers
from . import _ops as K
from .base import Optimizer, _assign, _assign_add, _assign_sub, _value


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
        _assign(velocity, K.add(K.multiply(rho, _value(velocity)),
                                K.multiply(1 - rho, K.square(gradient))))
        if self.centered:
            avg = self._average_gradients[i]
            _assign(avg, K.add(K.multiply(rho, _value(avg)), K.multiply(1 - rho, gradient)))
            denominator = _value(velocity) - K.square(_value(avg)) + self.epsilon
        else:
            denominator = K.add(_value(velocity), self.epsilon)
        increment = K.divide(K.multiply(learning_rate, gradient), K.sqrt(denominator))
        if self.momentum > 0:
            mom = self._momentums[i]
            _assign(mom, K.add(K.multiply(self.momentum, _value(mom)), increment))
            _assign_sub(variable, _value(mom))
        else:
            _assign_sub(variable, increment)

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
        _assign_add(acc, K.square(gradient))
        _assign_sub(variable, K.divide(K.multiply(learning_rate, gradient),
                                       K.sqrt(K.add(_value(acc), self.epsilon))))

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

        def rms(x):
            return K.sqrt(K.add(x, self.epsilon))
        _assign(acc_g, K.add(rho * _value(acc_g), K.multiply(1 - rho, K.square(grad))))
        delta = K.negative(K.divide(K.multiply(rms(_value(acc_d)), grad), rms(_value(acc_g))))
        _assign(acc_d, K.add(K.multiply(rho, _value(acc_d)), K.multiply(1 - rho, K.square(delta))))
        _assign_add(variable, K.multiply(learning_rate, delta))

    def get_config(self):
        config = super().get_config()
        config.update(rho=self.rho, epsilon=self.epsilon)
        return config
