package dev.ftcheck.scanner.api;

/**
 * The API to use instead of the reported one: its name or signature ({@code PyList_GetItemRef}) and its return
 * convention ("new reference; NULL with IndexError when out of range").
 */
public record Replacement(String api, String returnConvention) {}
