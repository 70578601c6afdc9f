// geometry: a pybind11 module. Fixed twin: declares that it does not need the GIL (pybind11 2.13+).
#include <pybind11/pybind11.h>

namespace py = pybind11;

static double area(double w, double h) { return w * h; }

PYBIND11_MODULE(geometry, m, py::mod_gil_not_used()) {
    m.doc() = "Plane geometry helpers";
    m.def("area", &area, py::arg("w"), py::arg("h"));
}
