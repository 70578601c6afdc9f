package dev.ftcheck.runtime.capi;

import java.util.List;

/** Every class holding {@link CApi} implementations; the binder scans exactly these. */
public final class ApiRegistry {
    // One entry per line, in no particular order: classes are added independently.
    public static final List<Class<?>> CLASSES = List.of(
            AbstractApi.class,
            BoolApi.class,
            BufferApi.class,
            BytearrayApi.class,
            BytesApi.class,
            CapsuleApi.class,
            CellApi.class,
            CevalApi.class,
            ClassApi.class,
            CodeApi.class,
            CodecsApi.class,
            ComplexApi.class,
            ContextApi.class,
            DescrApi.class,
            DictApi.class,
            ErrorsApi.class,
            FloatApi.class,
            FrameApi.class,
            FuncApi.class,
            HashApi.class,
            ImportApi.class,
            InitconfigApi.class,
            LifecycleApi.class,
            ListApi.class,
            LongApi.class,
            LongintreprApi.class,
            MemoryApi.class,
            MethodApi.class,
            ModsupportApi.class,
            ModuleApi.class,
            ObjectApi.class,
            ObjimplApi.class,
            OsmoduleApi.class,
            PythonrunApi.class,
            SetApi.class,
            SliceApi.class,
            SysmoduleApi.class,
            StateApi.class,
            TracebackApi.class,
            TupleApi.class,
            UnicodeApi.class,
            WarningsApi.class,
            WeakrefApi.class);

    private ApiRegistry() {}
}
