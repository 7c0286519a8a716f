package io.portal.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pages' templates read can be compiled by Spring's expression compiler, which
 * the portal switches on: it compiles a property read only on a public type, and falls
 * back to reflection on every request otherwise (a third of the dashboard's CPU time).
 */
class ViewModelsCompileTests {

    private static final List<Class<? extends Record>> VIEWS = List.of(Views.BindingView.class, Views.FieldView.class,
            Views.CertificateView.class, NodeView.class, PageWarning.class);

    @Test
    void everyPropertyOfEveryViewModelCompiles() throws Exception {
        SpelExpressionParser parser = new SpelExpressionParser(
                new SpelParserConfiguration(SpelCompilerMode.IMMEDIATE, getClass().getClassLoader()));
        for (Class<? extends Record> view : VIEWS) {
            assertThat(Modifier.isPublic(view.getModifiers())).as(view.getName()).isTrue();
            Object instance = sample(view);
            for (RecordComponent component : view.getRecordComponents()) {
                SpelExpression expression = (SpelExpression) parser.parseExpression(component.getName());
                StandardEvaluationContext context = new StandardEvaluationContext(instance);
                expression.getValue(context);
                assertThat(expression.compileExpression()).as(view.getSimpleName() + "." + component.getName()).isTrue();
                assertThat(expression.getValue(context)).isEqualTo(component.getAccessor().invoke(instance));
            }
        }
    }

    private static Object sample(Class<? extends Record> view) throws Exception {
        RecordComponent[] components = view.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = (types[i] == int.class) ? 443 : (types[i] == long.class) ? 30L : (types[i] == boolean.class) ? true
                    : (types[i] == String.class) ? components[i].getName() : (types[i] == List.class) ? List.of("x") : null;
        }
        Constructor<? extends Record> constructor = view.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

}
