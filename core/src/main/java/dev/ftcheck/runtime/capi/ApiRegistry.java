package dev.ftcheck.runtime.capi;

import java.util.List;

/** Every class holding {@link CApi} implementations; the binder scans exactly these. */
public final class ApiRegistry {
    public static final List<Class<?>> CLASSES = List.of(ObjectApi.class, NumberApi.class, UnicodeApi.class,
            ListApi.class, DictApi.class, ModuleApi.class, ErrApi.class, TypeApi.class, ThreadApi.class,
            MiscApi.class, NumberProtocolApi.class, BufferApi.class, SequenceApi.class, ContextApi.class,
            CodeApi.class, FrameApi.class, TracebackApi.class, EvalApi.class, FuncApi.class);

    private ApiRegistry() {}
}
