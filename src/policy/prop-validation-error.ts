// The error type sits at the bottom of src/ (every layer throws it); the package exports it from here, as before.
export { formatValue, PropValidationError } from '../core/prop-validation-error';
