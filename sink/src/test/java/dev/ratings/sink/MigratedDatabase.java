package dev.ratings.sink;

import dev.ratings.testsupport.TemporaryDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh database with the sink's schema, for the writers' tests without Spring; dropped on close. */
public final class MigratedDatabase implements AutoCloseable {

    private final TemporaryDatabase database;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private MigratedDatabase(TemporaryDatabase database) {
        this.database = database;
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    public static MigratedDatabase create() {
        return new MigratedDatabase(TemporaryDatabase.create());
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public void close() {
        database.close();
    }
}
