package dev.palo.model.translator;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link LocalTranslator} parameter to one base translator trained on {@link TinyCorpus#mistranslated()}
 * (French colours left in English, Spanish correct), trained once per test run and closed by JUnit at its end, so
 * the test classes that need a trained translator share the training time.
 */
final class TrainedTinyTranslator implements ParameterResolver {
    private static final int EPOCHS = 60;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalTranslator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(TrainedTinyTranslator.class,
                key -> TinyCorpus.train(TinyCorpus.config(EPOCHS), TinyCorpus.mistranslated()), LocalTranslator.class);
    }
}
