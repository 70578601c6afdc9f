// A pybind11 module written for Pybind11Test: functions with keyword arguments and defaults, a class with a
// constructor, methods, read/write properties and __repr__, an enum, STL conversions, exceptions translated in both
// directions, and py::mod_gil_not_used(). pbmod.expected holds what CPython 3.13.15t answered for each call.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

enum class Colour { Red = 1, Green = 2, Blue = 4 };

struct Counter {
    std::string name;
    int count;

    Counter(std::string n, int start) : name(std::move(n)), count(start) {}

    int bump(int by) {
        count += by;
        return count;
    }
};

// Stands for an error class a library defines; registered as pbmod.CounterError.
struct CounterError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

int add(int a, int b) { return a + b; }

std::string greet(const std::string &who, const std::string &greeting, int times) {
    std::string out;
    for (int i = 0; i < times; i++) {
        if (i) out += " ";
        out += greeting + ", " + who + "!";
    }
    return out;
}

int sum_list(const std::vector<int> &v) { return std::accumulate(v.begin(), v.end(), 0); }

std::vector<int> squares(int n) {
    std::vector<int> out;
    for (int i = 0; i < n; i++) out.push_back(i * i);
    return out;
}

std::map<std::string, int> word_lengths(const std::vector<std::string> &words) {
    std::map<std::string, int> out;
    for (const auto &w : words) out[w] = static_cast<int>(w.size());
    return out;
}

int total(const std::map<std::string, int> &m) {
    int t = 0;
    for (const auto &kv : m) t += kv.second;
    return t;
}

std::string shout(std::string s) {
    for (auto &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s + "!";
}

int checked_div(int a, int b) {
    if (b == 0) throw std::invalid_argument("division by zero is not allowed");
    return a / b;
}

void fail_runtime(const std::string &why) { throw std::runtime_error(why); }

void fail_custom(int code) { throw CounterError("counter failed with code " + std::to_string(code)); }

// Calls f(x); an exception f raises is caught here in C++ and described instead of propagated.
std::string call_and_catch(const py::object &f, const py::object &x) {
    try {
        py::object r = f(x);
        return "ok: " + py::repr(r).cast<std::string>();
    } catch (py::error_already_set &e) {
        std::string kind = e.matches(PyExc_ValueError) ? "ValueError" : "other";
        return "caught " + kind + ": " + std::string(py::str(e.value()));
    }
}

// Calls f(x) and lets the Python exception travel back out through C++.
py::object call_through(const py::object &f, const py::object &x) { return f(x); }

std::string colour_name(Colour c) {
    switch (c) {
    case Colour::Red: return "red";
    case Colour::Green: return "green";
    case Colour::Blue: return "blue";
    }
    return "?";
}

} // namespace

PYBIND11_MODULE(pbmod, m, py::mod_gil_not_used()) {
    m.doc() = "pybind11 known-answer module";

    m.def("add", &add, "Adds two ints", py::arg("a"), py::arg("b") = 10);
    m.def("greet", &greet, py::arg("who"), py::arg("greeting") = "Hello", py::arg("times") = 1);
    m.def("sum_list", &sum_list);
    m.def("squares", &squares, py::arg("n"));
    m.def("word_lengths", &word_lengths);
    m.def("total", &total);
    m.def("shout", &shout);
    m.def("checked_div", &checked_div);
    m.def("fail_runtime", &fail_runtime);
    m.def("fail_custom", &fail_custom);
    m.def("call_and_catch", &call_and_catch);
    m.def("call_through", &call_through);
    m.def("colour_name", &colour_name);

    py::class_<Counter>(m, "Counter")
        .def(py::init<std::string, int>(), py::arg("name"), py::arg("start") = 0)
        .def("bump", &Counter::bump, py::arg("by") = 1)
        .def_readwrite("name", &Counter::name)
        .def_property("count", [](const Counter &c) { return c.count; },
                      [](Counter &c, int v) {
                          if (v < 0) throw std::out_of_range("count must not be negative");
                          c.count = v;
                      })
        .def_property_readonly("doubled", [](const Counter &c) { return 2 * c.count; })
        .def("__repr__", [](const Counter &c) {
            return "<Counter " + c.name + "=" + std::to_string(c.count) + ">";
        });

    py::enum_<Colour>(m, "Colour")
        .value("Red", Colour::Red)
        .value("Green", Colour::Green)
        .value("Blue", Colour::Blue);

    py::register_exception<CounterError>(m, "CounterError", PyExc_RuntimeError);

    m.attr("VERSION") = "1.0";
}
