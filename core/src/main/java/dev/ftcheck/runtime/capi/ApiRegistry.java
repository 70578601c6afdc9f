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
            ErrApi.class,
            TypeApi.class,
            ThreadApi.class,
            MiscApi.class,
            NumberProtocolApi.class,
            BufferApi.class,
            MemoryViewApi.class,
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
            EvalApi.class,
            FuncApi.class,
            FormatApi.class,
            SysApi.class);

    private ApiRegistry() {}
}
