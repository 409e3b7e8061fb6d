// Chart.js needs a 2D context; happy-dom has none.
import 'vitest-canvas-mock';
