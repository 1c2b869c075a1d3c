package org.custodia.persistence;

import java.net.URL;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;

import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * Bootstraps the application's entities with Hibernate outside a container, on a given data source with
 * resource-local transactions, the way the container would bootstrap the {@code custodia} unit. Shared by the
 * tests of the services' queries.
 */
public final class TestPersistenceUnit implements PersistenceUnitInfo {

    private final DataSource dataSource;
    private final List<String> classes;

    private TestPersistenceUnit(DataSource dataSource, Class<?>... entities) {
        this.dataSource = dataSource;
        this.classes = Arrays.stream(entities).map(Class::getName).toList();
    }

    public static EntityManagerFactory create(DataSource dataSource, Map<String, String> settings, Class<?>... entities) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("hibernate.jdbc.time_zone", "UTC");
        return new HibernatePersistenceProvider()
                .createContainerEntityManagerFactory(new TestPersistenceUnit(dataSource, entities), properties);
    }

    /**
     * Runs {@code work} in one resource-local transaction on a new entity manager, as the container runs a
     * transactional bean method: committed when it returns, rolled back when it throws.
     */
    public static <T> T inTransaction(EntityManagerFactory emf, Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public String getPersistenceUnitName() {
        return "custodia-test";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return HibernatePersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return classes;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.1";
    }

    @Override
    public ClassLoader getClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no bytecode enhancement in tests, as in the container
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return getClass().getClassLoader();
    }
}
