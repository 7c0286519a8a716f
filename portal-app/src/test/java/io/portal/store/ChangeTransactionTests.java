package io.portal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.portal.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One change, one transaction, against a real database: writes commit together or not at
 * all, and what a change did outside the store is undone, in reverse order, when it does
 * not commit, also when the commit itself fails.
 */
class ChangeTransactionTests {

    private final DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "sa", "");

    private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

    private final ChangeTransaction changes = new ChangeTransaction(
            new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)));

    private final List<String> done = new ArrayList<>();

    ChangeTransactionTests() {
        new PortalSchema(this.dataSource).afterPropertiesSet();
    }

    @Test
    void aChangeThatSucceedsIsCommittedAndKeepsWhatItDidOutsideTheStore() {
        this.changes.run(() -> {
            insert("a");
            ChangeTransaction.onRollback(() -> this.done.add("undo a"));
            ChangeTransaction.onCompletion(() -> this.done.add("completed"));
        });
        assertThat(stored()).containsExactly("a");
        assertThat(this.done).containsExactly("completed");
    }

    @Test
    void aChangeThatFailsStoresNothingAndIsUndoneInReverseOrderBeforeItsCompletionActions() {
        IllegalStateException failure = new IllegalStateException("listener refused");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.changes.run(() -> {
            ChangeTransaction.onCompletion(() -> this.done.add("lock released"));
            insert("a");
            ChangeTransaction.onRollback(() -> this.done.add("undo a"));
            insert("b");
            ChangeTransaction.onRollback(() -> this.done.add("undo b"));
            throw failure;
        })).isSameAs(failure);
        assertThat(stored()).isEmpty();
        assertThat(this.done).containsExactly("undo b", "undo a", "lock released");
    }

    @Test
    void aNestedChangeIsPartOfTheOuterOne() {
        assertThatIllegalStateException().isThrownBy(() -> this.changes.run(() -> {
            this.changes.run(() -> {
                insert("inner");
                ChangeTransaction.onRollback(() -> this.done.add("undo inner"));
            });
            insert("outer");
            throw new IllegalStateException("audit failed");
        }));
        assertThat(stored()).isEmpty();
        assertThat(this.done).containsExactly("undo inner");
    }

    @Test
    void aStoreFailureIsReportedWithoutTheDatabasesWordsAndUndoesTheChange() {
        assertThatExceptionOfType(ChangeNotStoredException.class).isThrownBy(() -> this.changes.run(() -> {
            insert("a");
            ChangeTransaction.onRollback(() -> this.done.add("undo a"));
            insert("a");
        })).satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainIgnoringCase("sql")
            .doesNotContainIgnoringCase("insert")
            .contains("as they were"));
        assertThat(stored()).isEmpty();
        assertThat(this.done).containsExactly("undo a");
    }

    @Test
    void aCommitThatFailsUndoesTheChange() {
        try (TestPostgres.Schema schema = TestPostgres.schema()) {
            DataSource postgres = new DriverManagerDataSource(schema.url(), schema.username(), schema.password());
            JdbcClient jdbc = JdbcClient.create(postgres);
            jdbc.sql("create table node (id int primary key, parent int references node (id) deferrable initially deferred)")
                .update();
            ChangeTransaction changes = new ChangeTransaction(new TransactionTemplate(new DataSourceTransactionManager(postgres)));
            assertThatExceptionOfType(ChangeNotStoredException.class).isThrownBy(() -> changes.run(() -> {
                // Accepted now, refused at commit: node 2 does not exist.
                jdbc.sql("insert into node (id, parent) values (1, 2)").update();
                ChangeTransaction.onRollback(() -> this.done.add("undo"));
            }));
            assertThat(jdbc.sql("select count(*) from node").query(Integer.class).single()).isZero();
            assertThat(this.done).containsExactly("undo");
        }
    }

    @Test
    void othersAreToldOfAChangeOnlyOnceItHasCommitted() {
        this.changes.run(() -> {
            ChangeTransaction.onCommit(() -> this.done.add("told " + stored()));
            insert("a");
        });
        assertThatIllegalStateException().isThrownBy(() -> this.changes.run(() -> {
            ChangeTransaction.onCommit(() -> this.done.add("told of b"));
            throw new IllegalStateException("failed");
        }));
        assertThat(this.done).containsExactly("told [a]");
    }

    @Test
    void undoCanOnlyBeRegisteredInsideAChange() {
        assertThatIllegalStateException().isThrownBy(() -> ChangeTransaction.onRollback(() -> {
        }));
    }

    private void insert(String name) {
        this.jdbc.sql("insert into portal_meta (name, meta_value) values (?, 'x')").param(name).update();
    }

    private List<String> stored() {
        return this.jdbc.sql("select name from portal_meta where meta_value = 'x' order by name").query(String.class).list();
    }

}
