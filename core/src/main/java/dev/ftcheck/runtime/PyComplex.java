package dev.ftcheck.runtime;

/** A Python complex as a Java value: what {@link ExtensionModule#call} converts to and from {@code complex}. */
public record PyComplex(double real, double imag) {}
