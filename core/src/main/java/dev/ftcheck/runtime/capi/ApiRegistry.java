package dev.ftcheck.runtime.capi;

import java.util.List;

/** Every class holding {@link CApi} implementations; the binder scans exactly these. */
public final class ApiRegistry {
    // One entry per line, in no particular order: classes are added independently.
    public static final List<Class<?>> CLASSES = List.of(
            ObjectApi.class,
            NumberApi.class,
            ComplexApi.class,
            UnicodeApi.class,
            ListApi.class,
            DictApi.class,
            ModuleApi.class,
            ErrorsApi.class,
            TypeApi.class,
            ThreadApi.class,
            MiscApi.class,
            NumberProtocolApi.class,
            BufferApi.class,
            MemoryApi.class,
            SequenceApi.class,
            ContextApi.class,
            CodecsApi.class,
            StateApi.class,
            LongApi.class,
            AbstractApi.class,
            DescrApi.class,
            CodeApi.class,
            FrameApi.class,
            TracebackApi.class,
            CevalApi.class,
            FuncApi.class,
            FormatApi.class);

    private ApiRegistry() {}
}
