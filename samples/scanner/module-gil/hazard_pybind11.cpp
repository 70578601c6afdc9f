// geometry: a pybind11 module. Hazard twin: no py::mod_gil_not_used(), so the GIL comes back on import.
#include <pybind11/pybind11.h>

namespace py = pybind11;

static double area(double w, double h) { return w * h; }

PYBIND11_MODULE(geometry, m) {
    m.doc() = "Plane geometry helpers";
    m.def("area", &area, py::arg("w"), py::arg("h"));
}
