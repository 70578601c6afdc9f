package dev.ftcheck.runtime.capi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static} Java method as the implementation of the C-API function with the same name.
 * Parameter and return types follow the upcall mapping (pointers and C longs → long, C ints → int).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CApi {
    /** False for the few functions C may call without an attached thread state (PyGILState_Ensure, ...). */
    boolean needsThreadState() default true;
}
